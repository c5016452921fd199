// Every migration, in order. A unit test checks that each file in this folder is listed here.
import { Foundation1795000000000 } from './1795000000000-Foundation';

export const MIGRATIONS = [Foundation1795000000000];
