import { DynamicModule, ForwardReference, Type, ValidationPipe } from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  MODULE_METADATA,
  PIPES_METADATA,
} from '@nestjs/common/constants';
import { OwnershipGuard } from '../auth/ownership.guard';
import { TokenGuard } from '../auth/token.guard';
import { CoreException } from '../errors/core.exception';
import { ProblemFilter } from '../errors/problem.filter';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { LanguageInterceptor } from '../i18n/language.interceptor';
import { DeprecationInterceptor } from './deprecation';
import { validationDetail } from './validation-text';

type ModuleRef = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** The validation of every body, query and path DTO of Comptoir's routes (a 400 VALIDATION_FAILED problem). */
export function comptoirValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target (never the value) lets validation-text.ts read each rule's arguments (`@Min(1)`).
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new CoreException('VALIDATION_FAILED', validationDetail(errors)),
  });
}

/** Visits these modules and every module they import (static and dynamic), each once. */
function walkModules(modules: ModuleRef[], visit: (type: Type, dynamic?: DynamicModule) => void): void {
  const seen = new Set<unknown>();
  const walk = (ref: ModuleRef | undefined) => {
    if (!ref || seen.has(ref) || ref instanceof Promise || 'forwardRef' in ref) return;
    seen.add(ref);
    const dynamic = 'module' in ref ? ref : undefined;
    const type = dynamic ? dynamic.module : (ref as Type);
    visit(type, dynamic);
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as ModuleRef[] | undefined) ?? []),
      ...((dynamic?.imports as ModuleRef[] | undefined) ?? []),
    ];
    for (const i of imports) walk(i);
  };
  for (const m of modules) walk(m);
}

/** The controllers these modules declare, their imports' included. */
export function controllersOf(modules: ModuleRef[]): Type[] {
  const found = new Set<Type>();
  walkModules(modules, (type, dynamic) => {
    for (const c of (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) as Type[] | undefined) ?? [])
      found.add(c);
    for (const c of dynamic?.controllers ?? []) found.add(c);
  });
  return [...found];
}

/** The module classes of these modules and of every module they import. */
export function modulesOf(modules: ModuleRef[]): Type[] {
  const found = new Set<Type>();
  walkModules(modules, (type) => found.add(type));
  return [...found];
}

const ENHANCERS: [string, unknown[]][] = [
  // In this order: the ownership guard needs the principal the token guard sets.
  [GUARDS_METADATA, [TokenGuard, OwnershipGuard]],
  // Outermost first: a replayed answer is localised like a fresh one, and says it is deprecated.
  [INTERCEPTORS_METADATA, [LanguageInterceptor, DeprecationInterceptor, IdempotencyInterceptor]],
  [EXCEPTION_FILTERS_METADATA, [ProblemFilter]],
];
const BOUND = Symbol('comptoir:enhancers-bound');

/**
 * Binds Comptoir's guards (token, ownership), interceptors (language, Idempotency-Key), problem+json filter
 * and validation pipe to each of its own controllers, rather than to the whole application: an LGO's Nest
 * application that imports ComptoirModule keeps its own routes as they were (no token asked, no problem
 * filter, no Idempotency-Key table). Done once per controller class, before Nest scans the modules.
 */
export function bindComptoirEnhancers(controllers: Type[]): void {
  for (const controller of controllers) {
    if (Reflect.getMetadata(BOUND, controller)) continue;
    for (const [key, enhancers] of ENHANCERS) {
      const own = (Reflect.getMetadata(key, controller) as unknown[] | undefined) ?? [];
      Reflect.defineMetadata(key, [...enhancers, ...own], controller);
    }
    const pipes = (Reflect.getMetadata(PIPES_METADATA, controller) as unknown[] | undefined) ?? [];
    Reflect.defineMetadata(PIPES_METADATA, [comptoirValidationPipe(), ...pipes], controller);
    Reflect.defineMetadata(BOUND, true, controller);
  }
}
