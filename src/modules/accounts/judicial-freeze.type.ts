import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { enumOf } from "../../shared/enums";
import { Node } from "../../shared/node";
import { MoneyScalar } from "../../shared/scalars";
import { JUDICIAL_AUTHORITIES, JUDICIAL_FREEZE_STATUSES } from "./judicial-freeze.table";

export const JudicialAuthority = enumOf(JUDICIAL_AUTHORITIES);
registerEnumType(JudicialAuthority, {
  name: "JudicialAuthority",
  description: "Authority entitled to order a freeze of deposits (有权机关), manual chapter 4.1.",
  valuesConfig: {
    COURT: { description: "People's court (人民法院); a freeze holds at most one year per order." },
    PROCURATORATE: { description: "People's procuratorate (人民检察院); at most six months per order." },
    PUBLIC_SECURITY: { description: "Public security organ (公安机关); at most six months per order." },
  },
});

export const JudicialFreezeStatus = enumOf(JUDICIAL_FREEZE_STATUSES);
registerEnumType(JudicialFreezeStatus, {
  name: "JudicialFreezeStatus",
  description: "State of a judicial freeze (司法冻结状态), manual chapter 4.1.",
  valuesConfig: {
    ACTIVE: { description: "Recorded and not yet released; in force until its expiry (冻结中)." },
    RELEASED: { description: "Lifted by the release order of the authority that ordered it (已解冻)." },
    EXPIRED: { description: "Its term ran out without a renewal (到期自动解冻)." },
  },
});

@ObjectType({
  implements: Node,
  description:
    "Judicial freeze (司法冻结), manual chapter 4.1: ordered by a court, procuratorate or public security organ, effective at once, lifted only by that authority's release or at its term.",
})
export class JudicialFreeze extends Node {
  @Field(() => JudicialAuthority, { description: "Kind of the ordering authority." })
  authority: string;
  @Field({ description: "Name of the ordering authority." })
  authorityName: string;
  @Field({ description: "Number of the freeze order (文号)." })
  orderNumber: string;
  @Field(() => MoneyScalar, { nullable: true, description: "Amount frozen (限额冻结); null when the whole account is frozen (全额冻结)." })
  amount: bigint | null;
  @Field(() => JudicialFreezeStatus, { description: "State; an ACTIVE freeze past its expiry no longer holds money and reads EXPIRED." })
  status: string;
  @Field({ description: "When it took effect (recorded)." })
  effectiveAt: Date;
  @Field({ description: "When it ends unless renewed (the end of the order's last day, China Standard Time)." })
  expiresAt: Date;
  @Field(() => Int, { description: "How many times it was renewed (续冻)." })
  renewals: number;
  @Field(() => String, { nullable: true, description: "Number of the latest renewal order." })
  renewalOrderNumber: string | null;
  @Field(() => String, { nullable: true, description: "Number of the release order, once released." })
  releaseOrderNumber: string | null;
  @Field(() => Date, { nullable: true, description: "When it was released or expired." })
  endedAt: Date | null;
  accountId: string;
}
