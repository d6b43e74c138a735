import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { config } from './config';

async function bootstrap() {
  // rawBody: true keeps the request bytes next to the parsed body (req.rawBody): the signature covers those bytes.
  const app = await NestFactory.create(AppModule, { rawBody: true, logger: ['error', 'warn'] });
  await app.listen(config.port);
  console.log(`listening on ${await app.getUrl()}`);
}

void bootstrap();
