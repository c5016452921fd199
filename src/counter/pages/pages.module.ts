import { Module } from '@nestjs/common';
import { PagesController } from './pages.controller';

/** The login, counter and back-office pages: plain HTML, CSS and ES modules served by the service. */
@Module({ controllers: [PagesController] })
export class PagesModule {}
