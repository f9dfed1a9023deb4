import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A spot price as EC2 spot price history reports it. */
export interface FakeSpotPrice {
  type: string;
  zone: string;
  price: string;
  timestamp: string;
}

/** What a request to the stand-in carried, for assertions on what the SDK sent. */
export interface SeenRequest {
  api: 'pricing' | 'ec2';
  authorization: string;
  body: string;
}

/**
 * A local HTTP server that answers like the AWS Pricing API (JSON 1.1, `GetProducts`) and EC2
 * (the EC2 query protocol, `DescribeSpotPriceHistory`), so the real SDK clients run against it
 * with an endpoint override. AWS itself is external; this stands in for it, including throttling
 * and malformed answers. Both APIs share the one server: the target header tells them apart.
 */
export async function startFakeAwsPriceApis() {
  const state = {
    /** PriceList entries (JSON strings) per page; pages are chained with NextToken. */
    pricingPages: [] as string[][],
    spot: [] as FakeSpotPrice[],
    /** Requests to answer with throttling before answering normally (Infinity: always). */
    throttle: { pricing: 0, ec2: 0 },
    /** Answer GetProducts with a body that is no JSON at all. */
    garbledPricing: false,
    requests: [] as SeenRequest[],
  };

  const read = (req: IncomingMessage) =>
    new Promise<string>(resolve => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => resolve(body));
    });

  const server = createServer(async (req, res) => {
    const body = await read(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const api = target ? 'pricing' : 'ec2';
    state.requests.push({
      api,
      authorization: String(req.headers.authorization ?? ''),
      body,
    });
    if (api === 'pricing') {
      if (state.throttle.pricing > 0) {
        state.throttle.pricing -= 1;
        res.writeHead(400, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': 'ThrottlingException',
        });
        res.end(
          JSON.stringify({
            __type: 'ThrottlingException',
            message: 'Rate exceeded',
          }),
        );
        return;
      }
      if (state.garbledPricing) {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end('<html>upstream gateway error</html>');
        return;
      }
      const token = JSON.parse(body || '{}').NextToken;
      const index = token ? Number(token) : 0;
      const next =
        index + 1 < state.pricingPages.length ? String(index + 1) : undefined;
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({
          FormatVersion: 'aws_v1',
          PriceList: state.pricingPages[index] ?? [],
          ...(next ? { NextToken: next } : {}),
        }),
      );
      return;
    }
    if (state.throttle.ec2 > 0) {
      state.throttle.ec2 -= 1;
      res.writeHead(503, { 'content-type': 'text/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-1</RequestID></Response>',
      );
      return;
    }
    const items = state.spot
      .map(
        s =>
          `<item><instanceType>${s.type}</instanceType><productDescription>Linux/UNIX</productDescription><spotPrice>${s.price}</spotPrice><timestamp>${s.timestamp}</timestamp><availabilityZone>${s.zone}</availabilityZone></item>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><DescribeSpotPriceHistoryResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-2</requestId><spotPriceHistorySet>${items}</spotPriceHistorySet><nextToken/></DescribeSpotPriceHistoryResponse>`,
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        // The SDK keeps connections alive; close would otherwise wait for them.
        server.closeAllConnections();
      }),
  };
}

/** A GetProducts entry for one instance type, shaped as the Pricing API writes them. */
export function productEntry(options: {
  type: string;
  vcpu: number;
  memory: string;
  usd: string;
  processor?: string;
  gpu?: string;
}): string {
  const sku = `SKU${options.type.replace(/\W/g, '')}`;
  return JSON.stringify({
    product: {
      productFamily: 'Compute Instance',
      attributes: {
        instanceType: options.type,
        vcpu: String(options.vcpu),
        memory: options.memory,
        physicalProcessor: options.processor ?? 'Intel Xeon Platinum 8275L',
        ...(options.gpu ? { gpu: options.gpu } : {}),
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        regionCode: 'eu-west-1',
      },
      sku,
    },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          priceDimensions: {
            [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
              unit: 'Hrs',
              pricePerUnit: { USD: options.usd },
              description: `$${options.usd} per On Demand Linux ${options.type} Instance Hour`,
            },
          },
          sku,
          effectiveDate: '2026-11-01T00:00:00Z',
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}
