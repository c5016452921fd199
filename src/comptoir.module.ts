import {
  DynamicModule,
  Inject,
  INestApplication,
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
  Type,
} from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Logger } from '@nestjs/common';
import { AppModule, AppOptions } from './app.module';
import type { AppConfig } from './core/config/config.schema';
import { APP_CONFIG } from './core/config/config.tokens';
import { deepMerge, loadConfig } from './core/config/load-config';
import { answerProblem } from './core/errors/problem.filter';
import { controllersOf, modulesOf } from './core/http/comptoir-enhancers';
import { bodyParserError, edgeMiddleware, openApiDocument } from './core/http/configure-app';
import { MAX_JSON_DEPTH, valueDeeperThan } from './core/http/json-depth';
import { CoreException } from './core/errors/core.exception';
import { CORE_DETAILS } from './core/errors/error-messages';

/** What an LGO's Nest application gives `ComptoirModule.forRoot` (docs/integration.md § Embedding). */
export interface ComptoirModuleOptions extends Omit<AppOptions, 'config' | 'migrateOnConnect'> {
  /**
   * A configuration already loaded and validated (`loadConfig`). Without it one is loaded as `npm start`
   * does — config/default.yaml, config/<COMPTOIR_ENV>.yaml, COMPTOIR_CONFIG, the COMPTOIR_* variables of
   * `env` — with `settings` merged last.
   */
  config?: AppConfig;
  /** Configuration keys set by the host (the shape of config/default.yaml), merged over the files. */
  settings?: Record<string, unknown>;
  /**
   * The database: Comptoir's own embedded SQLite file under `dataDir` (the default), or the one named here
   * (the keys of `database` in configuration.md). Comptoir keeps its own connection and tables.
   */
  database?: Partial<AppConfig['database']>;
  /** Environment read for the COMPTOIR_* overrides; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Run pending migrations when the connection opens (default true). */
  migrations?: boolean;
}

const COMPTOIR_ROUTES = Symbol('COMPTOIR_ROUTES');

/**
 * Comptoir as a Nest dynamic module for an LGO's own Nest application: the whole service (every stage, its
 * `/api/v1` routes and `/health`), with its own configuration, database connection and ports (a referential,
 * signers, card readers). Its guards, interceptors, validation, problem filter and body parsers apply to its
 * own routes only: the host's routes are left as they were. The pages are left out unless `pages: true`.
 */
@Module({})
export class ComptoirModule implements NestModule {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(COMPTOIR_ROUTES) private readonly routes: { controllers: Type[]; modules: Type[] },
  ) {}

  static forRoot(options: ComptoirModuleOptions = {}): DynamicModule {
    const { settings, database, env, migrations, ...ports } = options;
    const config =
      options.config ??
      loadConfig({
        env: env ?? process.env,
        overrides: deepMerge(
          deepMerge(
            ports.signers ? { teleservice: { signer: 'external' } } : {},
            database ? { database } : {},
          ),
          settings ?? {},
        ),
      });
    const app = AppModule.forRoot({
      ...ports,
      config,
      pages: ports.pages ?? false,
      migrateOnConnect: migrations !== false,
    });
    return {
      module: ComptoirModule,
      imports: [app],
      providers: [
        {
          provide: COMPTOIR_ROUTES,
          useValue: { controllers: controllersOf([app]), modules: modulesOf([app]) },
        },
      ],
    };
  }

  /** The OpenAPI document of Comptoir's routes alone, in a host application that imports the module. */
  static openApiDocument(app: INestApplication): OpenAPIObject {
    return openApiDocument(app, app.get(ComptoirModule).routes.modules);
  }

  /** Comptoir's body parsers, host check and API headers, on its own routes (configureApp does it app-wide). */
  configure(consumer: MiddlewareConsumer): void {
    const edge = edgeMiddleware(this.config);
    const logger = new Logger('http');
    const problems =
      (mw: RequestHandler): RequestHandler =>
      (req, res, next) =>
        mw(req, res, (err?: unknown) =>
          err ? answerProblem(bodyParserError(err), req, res, logger) : next(),
        );
    const chain: RequestHandler[] = [
      ...(edge.hostCheck ? [problems(edge.hostCheck)] : []),
      edge.apiHeaders,
      problems(edge.json),
      // The host's own parser may have read the body already (Nest's default): its depth is checked here.
      (req: Request, res: Response, next: NextFunction) =>
        valueDeeperThan(req.body, MAX_JSON_DEPTH)
          ? answerProblem(
              new CoreException(
                'MALFORMED_JSON',
                CORE_DETAILS.MALFORMED_JSON.tooDeep({ max: MAX_JSON_DEPTH }),
              ),
              req,
              res,
              logger,
            )
          : next(),
    ];
    consumer
      .apply(...chain)
      .forRoutes(...this.routes.controllers)
      .apply(problems(edge.image))
      .forRoutes({ path: 'api/v1/scans/image', method: RequestMethod.POST })
      .apply(problems(edge.csv))
      .forRoutes({ path: 'api/v1/invoice-rejections/import', method: RequestMethod.POST });
  }
}
