import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { CoreException } from '../errors/core.exception';
import { CORE_DETAILS } from '../errors/error-messages';

interface Window {
  startMs: number;
  failures: number;
}

/** Most addresses remembered at once: beyond it the oldest window is dropped (memory stays bounded). */
const MAX_ADDRESSES = 10_000;

/**
 * Guessing tokens at the pages' login: after `auth.loginAttempts.max` refused logins from one address
 * within `windowSeconds`, that address is refused with 429 LOGIN_RATE_LIMITED until the window ends.
 * In memory, per instance: a restart or another instance starts a fresh count (tokens are 256-bit).
 */
@Injectable()
export class LoginThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly max: number;
  private readonly windowMs: number;

  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.max = config.auth.loginAttempts.max;
    this.windowMs = config.auth.loginAttempts.windowSeconds * 1000;
  }

  /** Throws LOGIN_RATE_LIMITED while the address has used up its refused logins. */
  check(address: string): void {
    const w = this.current(address);
    if (w && w.failures >= this.max) {
      const seconds = Math.ceil((w.startMs + this.windowMs - this.clock.now().getTime()) / 1000);
      throw new CoreException(
        'LOGIN_RATE_LIMITED',
        CORE_DETAILS.LOGIN_RATE_LIMITED.limited({ minutes: Math.ceil(seconds / 60) }),
        { extra: { retryAfterSeconds: seconds } },
      );
    }
  }

  failed(address: string): void {
    const w = this.current(address);
    if (w) w.failures += 1;
    else {
      if (this.windows.size >= MAX_ADDRESSES) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(address, { startMs: this.clock.now().getTime(), failures: 1 });
    }
  }

  private current(address: string): Window | undefined {
    const w = this.windows.get(address);
    if (w && this.clock.now().getTime() - w.startMs >= this.windowMs) {
      this.windows.delete(address);
      return undefined;
    }
    return w;
  }
}
