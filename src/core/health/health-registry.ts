import { Injectable } from '@nestjs/common';

export type CheckStatus = 'up' | 'down';

/** A named check; `critical` ones make /health answer 503 when down, others only mark it degraded. */
export interface HealthCheck {
  name: string;
  critical: boolean;
  /** Further fields of the result appear beside `status` in /health's `checks.<name>`. */
  check: () => Promise<{ status: CheckStatus; detail?: unknown; [field: string]: unknown }>;
}

/** Stages register their checks here so core never imports a later stage. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(check: HealthCheck): void {
    this.checks.set(check.name, check);
  }

  all(): HealthCheck[] {
    return [...this.checks.values()];
  }
}
