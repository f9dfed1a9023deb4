import { z } from 'zod';
import { parseQuantity } from '../quantity/Quantity';

/** A zod string that must be a positive Kubernetes quantity; the message says what is accepted. */
export const positiveQuantityString = z.string().superRefine((text, ctx) => {
  const parsed = parseQuantity(text);
  if (!parsed.ok) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a Kubernetes quantity: ${parsed.message}`,
    });
  } else if (parsed.quantity.nanos <= 0n) {
    ctx.addIssue({ code: 'custom', message: 'must be greater than zero' });
  }
});

/** A zod string that must be a non-negative Kubernetes quantity. */
export const nonNegativeQuantityString = z.string().superRefine((text, ctx) => {
  const parsed = parseQuantity(text);
  if (!parsed.ok) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a Kubernetes quantity: ${parsed.message}`,
    });
  } else if (parsed.quantity.nanos < 0n) {
    ctx.addIssue({ code: 'custom', message: 'must not be negative' });
  }
});
