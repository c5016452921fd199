// DataSource for the TypeORM CLI (`npm run migration:*`); the service builds its own from the same options.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/load-config';
import { databaseOptions } from './database.options';

const config = loadConfig();

export default new DataSource({
  ...databaseOptions(config),
  entities: [__dirname + '/../../**/*.entity.ts'],
});
