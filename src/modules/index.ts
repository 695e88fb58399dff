import type { ModuleDef } from "../core/module";
import { accountsModule } from "./accounts";
import { complaintsModule } from "./complaints";
import { customersModule } from "./customers";
import { depositsModule } from "./deposits";
import { emergencyModule } from "./emergency";
import { incidentsModule } from "./incidents";
import { metalsModule } from "./metals";
import { organisationModule } from "./organisation";
import { receptionModule } from "./reception";
import { securityModule } from "./security";
import { servicesModule } from "./services";

/** Every module the server runs, in order; a new module adds one line here. */
export const appModules: readonly ModuleDef[] = [
  organisationModule,
  customersModule,
  receptionModule,
  accountsModule,
  depositsModule,
  metalsModule,
  complaintsModule,
  incidentsModule,
  emergencyModule,
  securityModule,
  servicesModule,
];
