// ---- public surface for other modules (generated: keep names here, not deep imports) ----
export { seedDemoCertifications } from "./training.seed";
export { runExpiryWatch } from "./certification.job";
// ---- end of public surface ----

import { certificationPolicy } from "../../core/certification";
import { defineModule } from "../../core/module";
import { TrainingCourseResolver, TrainingPlanResolver, TrainingSessionResolver } from "./catalogue.resolver";
import { expiryWatchJob, runExpiryWatch } from "./certification.job";
import { CertificationResolver, TrainingEnrolmentResolver } from "./certification.resolver";
import { TOPIC, checkCertification } from "./certification.service";
import { accessRules } from "./training.access";
import { certifications, trainingCourses, trainingEnrolments, trainingPlans, trainingSessions } from "./training.table";

/**
 * Training and development (员工培训与发展), manual chapter 9: plans, courses, sessions, enrolment,
 * assessment and certifications; it answers the certification policy the gated procedures ask.
 */
export const trainingModule = defineModule({
  name: "training",
  needs: ["organisation"],
  resolvers: [TrainingPlanResolver, TrainingCourseResolver, TrainingSessionResolver, TrainingEnrolmentResolver, CertificationResolver],
  nodeKinds: {
    tpn: { typename: "TrainingPlan", load: (ctx, id) => ctx.loaders.of(trainingPlans).load(id) },
    tcr: { typename: "TrainingCourse", load: (ctx, id) => ctx.loaders.of(trainingCourses).load(id) },
    tss: { typename: "TrainingSession", load: (ctx, id) => ctx.loaders.of(trainingSessions).load(id) },
    ten: { typename: "TrainingEnrolment", load: (ctx, id) => ctx.loaders.of(trainingEnrolments).load(id) },
    crt: { typename: "Certification", load: (ctx, id) => ctx.loaders.of(certifications).load(id) },
  },
  access: accessRules.rules,
  jobs: [expiryWatchJob],
  topics: [TOPIC],
  api: { runExpiryWatch },
  provides: [certificationPolicy.contribute(checkCertification)],
});
