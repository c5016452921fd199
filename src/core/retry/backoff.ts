// The service's door to the one retry policy (devices/retry.ts: framework-free, so the drivers share it).
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../../../devices/retry';
