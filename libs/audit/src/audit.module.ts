import { Module } from '@nestjs/common';
import { AuditController } from './audit.http.controller';
import { AuditCheckpoints } from './audit-checkpoints';
import { AuditVerifications } from './audit-verifications';

/** The auditor's API over every store of this process (CONTRACT.md section 7). Import once at the root. */
@Module({ controllers: [AuditController], providers: [AuditVerifications, AuditCheckpoints] })
export class AuditModule {}
