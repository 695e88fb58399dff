import { Field, ObjectType } from "type-graphql";
import { MutationPayload } from "../../shared/payload";
import { MoneyScalar } from "../../shared/scalars";
import { AccountClass } from "./account.type";

@ObjectType({ description: "Limits of a personal account class (账户分类限额), manual chapter 4.1; applied by the ledger to every posting." })
export class AccountClassLimit {
  @Field(() => AccountClass, { description: "The class." })
  accountClass: string;
  @Field(() => MoneyScalar, { nullable: true, description: "Most cash withdrawals and transfers out per business day (China Standard Time); null for none." })
  dailyDebitLimit: bigint | null;
  @Field(() => MoneyScalar, { nullable: true, description: "Largest balance an account of the class may hold; null for none." })
  balanceCap: bigint | null;
  @Field({ description: "When the limits were last set." })
  updatedAt: Date;
}

@ObjectType({ description: "Result of setting a class's limits." })
export class AccountClassLimitPayload extends MutationPayload {
  @Field(() => AccountClassLimit, { nullable: true, description: "The limits now in force." })
  limit: AccountClassLimit | null;
}
