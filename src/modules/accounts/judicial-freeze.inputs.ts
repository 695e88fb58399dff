import { Field, ID, InputType } from "type-graphql";
import { JudicialAuthority, JudicialFreezeStatus } from "./judicial-freeze.type";

const KEY = "Repeat-safe key: a retry with the same key returns the first answer.";
const EXPIRES =
  "Last day the freeze holds (YYYY-MM-DD, China Standard Time): at most 12 months from today for a court, 6 months for a procuratorate or public security.";

@InputType({ description: "Recording a judicial freeze (司法冻结) from an authority's order, manual chapter 4.1; effective at once." })
export class AccountJudicialFreezeInput {
  @Field(() => ID, { description: "The account to freeze." })
  accountId: string;
  @Field(() => JudicialAuthority, { description: "Kind of authority that issued the order (有权机关)." })
  authority: string;
  @Field({ description: "Name of the issuing authority as on the order, e.g. 北京市朝阳区人民法院." })
  authorityName: string;
  @Field({ description: "Number of the freeze order (协助冻结通知书文号)." })
  orderNumber: string;
  @Field(() => String, {
    nullable: true,
    description: 'Amount to freeze in yuan, e.g. "5000.00" (限额冻结: the rest stays usable); omit to freeze the whole account (全额冻结: credits only).',
  })
  amount?: string | null;
  @Field({ description: EXPIRES })
  expiresOn: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Renewing a judicial freeze in force (续冻) on a new order of the same authority." })
export class AccountJudicialFreezeRenewInput {
  @Field(() => ID, { description: "The judicial freeze." })
  judicialFreezeId: string;
  @Field(() => JudicialAuthority, { description: "Kind of the authority renewing; must be the one that ordered the freeze." })
  authority: string;
  @Field({ description: "Name of the authority renewing; must be the one that ordered the freeze." })
  authorityName: string;
  @Field({ description: "Number of the renewal order (续行冻结通知书文号)." })
  orderNumber: string;
  @Field({ description: EXPIRES })
  expiresOn: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Lifting a judicial freeze (解除冻结) on the release order of the authority that ordered it." })
export class AccountJudicialFreezeReleaseInput {
  @Field(() => ID, { description: "The judicial freeze." })
  judicialFreezeId: string;
  @Field(() => JudicialAuthority, { description: "Kind of the releasing authority; must be the one that ordered the freeze." })
  authority: string;
  @Field({ description: "Name of the releasing authority; must be the one that ordered the freeze." })
  authorityName: string;
  @Field({ description: "Number of the release order (解除冻结通知书文号)." })
  releaseOrderNumber: string;
  @Field(() => String, { nullable: true, description: KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters of a list of judicial freezes." })
export class JudicialFreezeFilter {
  @Field(() => ID, { nullable: true, description: "Only freezes on this account." })
  accountId?: string | null;
  @Field(() => JudicialFreezeStatus, { nullable: true, description: "Only freezes in this state." })
  status?: string | null;
}
