import { createOrderByJson, itPaysThroughSandbox } from './example-flow.js';

itPaysThroughSandbox(
  'express',
  'creates an order, and its express.raw webhook verifies the paid notification',
  createOrderByJson,
);
