// The package's entry (`import { ComptoirModule } from 'comptoir'`): what an LGO embeds, and the ports it may
// plug its own adapters into. docs/integration.md describes each; the devices' drivers are `comptoir/devices`
// and the typed HTTP client `comptoir/client`.
export { ComptoirModule, type ComptoirModuleOptions } from './comptoir.module';
export { createApp } from './bootstrap';
export type { AppOptions } from './app.module';
export type { AppConfig } from './core/config/config.schema';
export { ConfigError, loadConfig, type LoadOptions } from './core/config/load-config';
export { Clock, FixedClock, SystemClock } from './core/clock/clock';
export { openApiDocument } from './core/http/configure-app';
export { EventsService } from './core/events/events.service';
export { MedicinesReferential } from './medicines/medicines-referential.port';
export type * from './medicines/medicines.types';
export {
  SignerPort,
  type AssertionClaims,
  type AssertionWindow,
} from './prescription/teleservice/security/signer.port';
export type { ExternalSigners } from './prescription/teleservice/teleservice.factory.adapter';
export {
  CardMiddlewareSigner,
  type CardMiddleware,
} from './prescription/teleservice/security/external-signer.example';
export {
  CardReadersFactory,
  CardReadersPort,
  type CardReaderHandlers,
  type SimulatedCardContent,
} from './patient/card-reader/card-readers.port';
