import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule, AppOptions } from './app.module';
import { configureApp } from './core/http/configure-app';

/** Builds the application, runs pending migrations, and configures the HTTP edge (used by main and tests). */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  await app.get(DataSource).runMigrations({ transaction: 'each' });
  configureApp(app, options.config);
  return app;
}
