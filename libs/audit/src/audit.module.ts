import { Module } from '@nestjs/common';
import { AuditController } from './audit.http.controller';

/** The auditor's API over every store of this process (CONTRACT.md section 7). Import once at the root. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
