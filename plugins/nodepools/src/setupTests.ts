import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs these suites beside API-server and database suites on 2 cores; a page that renders in
// 50 ms alone can take seconds there, so waits and tests get room rather than flake.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
