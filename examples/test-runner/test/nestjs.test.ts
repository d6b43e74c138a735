import { createOrderByJson, itPaysThroughSandbox } from './example-flow.js';

itPaysThroughSandbox(
  'nestjs',
  '(CommonJS build, rawBody: true) creates an order and verifies the paid notification',
  createOrderByJson,
);
