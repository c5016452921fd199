import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule, AppOptions } from './app.module';
import { Database } from './core/database/database';
import { EventsService } from './core/events/events.service';
import { configureApp } from './core/http/configure-app';
import { Instances } from './core/instances/instances.service';

/** Builds the application, runs pending migrations, and configures the HTTP edge (used by main and tests). */
export async function createApp(options: AppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  await app.get(DataSource).runMigrations({ transaction: 'each' });
  await app.get(Database).onModuleInit();
  // What needs the tables: this instance's row and heartbeat, the events' numbering or listener.
  await app.get(Instances).start();
  await app.get(EventsService).start();
  configureApp(app, options.config);
  return app;
}
