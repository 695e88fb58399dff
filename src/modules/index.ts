import type { ModuleDef } from "../core/module";
import { accountsModule } from "./accounts";
import { complaintsModule } from "./complaints";
import { customersModule } from "./customers";
import { depositsModule } from "./deposits";
import { emergencyModule } from "./emergency";
import { equipmentModule } from "./equipment";
import { incidentsModule } from "./incidents";
import { loansModule } from "./loans";
import { metalsModule } from "./metals";
import { organisationModule } from "./organisation";
import { qualityModule } from "./quality";
import { receptionModule } from "./reception";
import { riskModule } from "./risk";
import { securityModule } from "./security";
import { trainingModule } from "./training";
import { cardsModule } from "./cards";
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
  equipmentModule,
  qualityModule,
  trainingModule,
  loansModule,
  cardsModule,
  servicesModule,
  riskModule,
];
