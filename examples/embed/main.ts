// A minimal LGO host application embedding Comptoir (docs/integration.md § Embedding). It is an ordinary Nest
// application with a route of its own; ComptoirModule brings the whole service under /api/v1 and /health.
// The host's own routes keep their behaviour: no Comptoir token, validation or Idempotency-Key table there.
//
// Run from the repository (CI does, test/e2e/embed-example.e2e-spec.ts):
//   node scripts/build.js && COMPTOIR_ENV=sandbox COMPTOIR_TELESERVICE_URL=http://127.0.0.1:8089/eprescription \
//     node dist/examples/embed/main.js
import 'reflect-metadata';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ComptoirModule, EventsService } from 'comptoir';
import { SCANNER_PROFILES } from 'comptoir/devices';

/** The LGO's own routes, beside Comptoir's. */
@Controller('lgo')
class LgoController {
  @Get('hello')
  hello() {
    return { host: 'example-lgo', scannerProfiles: SCANNER_PROFILES.map((p) => p.id) };
  }

  /** Whatever the host accepts is its own business: Comptoir's validation does not apply here. */
  @Post('notes')
  note(@Body() body: unknown) {
    return { received: body };
  }
}

@Module({
  imports: [
    ComptoirModule.forRoot({
      // The configuration is loaded as `npm start` loads it (COMPTOIR_ENV, COMPTOIR_CONFIG, COMPTOIR_*),
      // then these keys, the host's own, are set over it.
      settings: { dataDir: process.env.EMBED_DATA_DIR ?? './data-embed' },
    }),
  ],
  controllers: [LgoController],
})
class LgoAppModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(LgoAppModule, { logger: ['error', 'warn'] });
  // A clean stop: Comptoir's open event streams end first (or the server would wait for them), then every
  // module is closed (device drivers, the outbox dispatcher, the database connection).
  const stop = () => {
    app.get(EventsService).close();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`example-lgo: stop failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const port = Number(process.env.EMBED_PORT ?? 3100);
  await app.listen(port, '127.0.0.1');
  const { port: bound } = app.getHttpServer().address() as { port: number };
  process.stdout.write(`example-lgo: listening on http://127.0.0.1:${bound}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`example-lgo: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
