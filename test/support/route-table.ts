import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { OWNS, OwnershipRule, TERMINAL_FREE } from '../../src/core/auth/ownership';
import { IS_PUBLIC, Role, ROLES } from '../../src/core/auth/principal';

/** One route as Nest registered it, with what its decorators say about who may call it. */
export interface Route {
  method: string;
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  roles?: Role[];
  owns?: OwnershipRule;
  terminalFree?: string;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Every route of every controller of the running application, read from Nest's module container. */
export function nestRoutes(app: NestExpressApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!type) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const proto = type.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        if (sub === undefined) continue;
        const meta = <T>(key: string): T | undefined =>
          (Reflect.getMetadata(key, fn) as T | undefined) ??
          (Reflect.getMetadata(key, type) as T | undefined);
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number];
        for (const b of base) {
          for (const s of ([] as string[]).concat(sub)) {
            routes.push({
              method,
              path: join(b, s),
              controller: type.name,
              handler: name,
              isPublic: meta<boolean>(IS_PUBLIC) === true,
              roles: meta<Role[]>(ROLES),
              owns: meta<OwnershipRule>(OWNS),
              terminalFree: meta<string>(TERMINAL_FREE),
            });
          }
        }
      }
    }
  }
  return routes;
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** What Express itself will answer: the router's stack, as `METHOD /path` (the check that nothing escapes). */
export function expressRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack
    .filter((l) => l.route)
    .flatMap((l) =>
      Object.keys(l.route!.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${l.route!.path}`),
    );
}
