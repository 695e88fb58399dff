import type { ModuleDef } from "../core/module";
import { accountsModule } from "./accounts";
import { complaintsModule } from "./complaints";
import { customersModule } from "./customers";
import { depositsModule } from "./deposits";
import { emergencyModule } from "./emergency";
import { incidentsModule } from "./incidents";
import { organisationModule } from "./organisation";
import { receptionModule } from "./reception";
import { riskModule } from "./risk";
import { securityModule } from "./security";

/** Every module the server runs, in order; a new module adds one line here. */
export const appModules: readonly ModuleDef[] = [
  organisationModule,
  customersModule,
  receptionModule,
  accountsModule,
  depositsModule,
  complaintsModule,
  incidentsModule,
  emergencyModule,
  securityModule,
  riskModule,
];
