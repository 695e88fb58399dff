import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../core/context";
import { Connection, ConnectionArgs } from "../../shared/connection";
import { requireViewer } from "../../shared/viewer";
import { staff } from "../organisation";
import { Staff } from "../organisation";
import {
  CustomerConsentRecordInput,
  CustomerConsentWithdrawInput,
  CustomerDataAccessFilter,
  CustomerFilter,
  CustomerOrder,
  CustomerRegisterInput,
  CustomerRevealFieldInput,
  CustomerUpdateInput,
  CustomerVerifyIdentityInput,
} from "./customer.inputs";
import { CustomerConsentPayload, CustomerPayload, CustomerRevealFieldPayload } from "./customer.payloads";
import { canReadAccessLog, canRevealCustomerData } from "./customer.policy";
import { revealField, recordConsent, withdrawConsent } from "./customer.privacy.service";
import { accessLog, consentsOf, historyOf, loadVisibleCustomer, searchCustomers } from "./customer.query";
import { registerCustomer, updateCustomer, verifyIdentity } from "./customer.service";
import { type CustomerDataAccessRow, type CustomerRow, customers } from "./customer.table";
import { declareColumns } from "../../shared/projection";
import { Customer, CustomerChange, CustomerConsent, CustomerDataAccess } from "./customer.type";

export const CustomerConnection = Connection(Customer, "Customer", "A page of customers (客户), masked.");
export const CustomerChangeConnection = Connection(CustomerChange, "CustomerChange", "A page of profile changes (变更记录), oldest first.");
export const CustomerDataAccessConnection = Connection(CustomerDataAccess, "CustomerDataAccess", "A page of unmasked reads (敏感信息查询记录), newest first.");

const INPUT = { description: "What to do." };

// The customer rule decides by the id alone (customer.access.ts).
declareColumns("Customer", customers, {});

@Authorized()
@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => CustomerConnection, {
    description:
      "Customer search (客户查询) by name, masked-number suffix, exact ID number or mobile (keyed hash), tier; limited to the customers you serve unless you search an exact number.",
  })
  customers(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => CustomerFilter, { nullable: true, description: "Filters." }) filterBy?: CustomerFilter,
    @Arg("orderBy", () => CustomerOrder, { nullable: true, description: "Sort order (default: oldest first)." }) orderBy?: CustomerOrder,
  ) {
    return searchCustomers(ctx, filterBy, orderBy, args);
  }

  @Query(() => Customer, { nullable: true, description: "A customer by id; null when not found or not in your scope." })
  customer(@Ctx() ctx: Context, @Arg("id", () => ID, { description: "The customer's id." }) id: string) {
    return loadVisibleCustomer(ctx, id);
  }

  @Query(() => CustomerDataAccessConnection, { description: "The access-audit log of unmasked reads (supervisor, risk, security, system administrator)." })
  customerDataAccessLog(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg("filterBy", () => CustomerDataAccessFilter, { nullable: true, description: "Filters." }) filterBy?: CustomerDataAccessFilter,
  ) {
    return accessLog(ctx, filterBy, args);
  }

  @FieldResolver(() => String, { nullable: true, description: "Document number, masked (e.g. `110105********002X`)." })
  idNumber(@Root() c: CustomerRow): string | null {
    return c.idNumberMasked;
  }

  @FieldResolver(() => String, { nullable: true, description: "Mobile number, masked (e.g. `138****5678`)." })
  mobile(@Root() c: CustomerRow): string | null {
    return c.mobileMasked;
  }

  @FieldResolver(() => String, { nullable: true, description: "Address, masked (district kept, the rest hidden)." })
  address(@Root() c: CustomerRow): string | null {
    return c.addressMasked;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who verified the identity." })
  identityVerifiedBy(@Root() c: CustomerRow, @Ctx() ctx: Context) {
    return c.identityVerifiedById ? ctx.loaders.of(staff).load(c.identityVerifiedById) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who registered the customer." })
  createdBy(@Root() c: CustomerRow, @Ctx() ctx: Context) {
    return c.createdById ? ctx.loaders.of(staff).load(c.createdById) : null;
  }

  @FieldResolver(() => [CustomerConsent], { description: "Consent records, oldest first, withdrawn ones included." })
  consents(@Root() c: CustomerRow, @Ctx() ctx: Context) {
    return consentsOf(ctx, c.id);
  }

  @FieldResolver(() => CustomerChangeConnection, { description: "Profile change history (变更记录), values masked." })
  history(@Root() c: CustomerRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    return historyOf(ctx, c.id, args);
  }

  @FieldResolver(() => CustomerDataAccessConnection, {
    nullable: true,
    description: "Unmasked reads of this customer's data; null unless you may read the access log.",
  })
  dataAccessLog(@Root() c: CustomerRow, @Ctx() ctx: Context, @Args() args: ConnectionArgs) {
    return canReadAccessLog(requireViewer(ctx)) ? accessLog(ctx, { customerId: c.id }, args) : null;
  }

  @FieldResolver(() => Boolean, { description: "Whether you may unmask this customer's protected fields (with a purpose)." })
  viewerCanReveal(@Ctx() ctx: Context): boolean {
    return canRevealCustomerData(requireViewer(ctx));
  }

  @Mutation(() => CustomerPayload, {
    description: "Registers a customer (客户信息采集与录入), validating the ID number, with consent (representative, manager, supervisor).",
  })
  customerRegister(@Ctx() ctx: Context, @Arg("input", INPUT) input: CustomerRegisterInput) {
    return registerCustomer(ctx, input);
  }

  @Mutation(() => CustomerPayload, {
    description: "Changes a customer's profile; every change is kept in the history (representative, manager, supervisor, within scope).",
  })
  customerUpdate(@Ctx() ctx: Context, @Arg("input", INPUT) input: CustomerUpdateInput) {
    return updateCustomer(ctx, input);
  }

  @Mutation(() => CustomerPayload, {
    description: "Records that the customer's identity was verified: by you, how, now (representative, manager, supervisor, within scope).",
  })
  customerVerifyIdentity(@Ctx() ctx: Context, @Arg("input", INPUT) input: CustomerVerifyIdentityInput) {
    return verifyIdentity(ctx, input);
  }

  @Mutation(() => CustomerRevealFieldPayload, {
    description: "Reads one protected field unmasked with a stated purpose; writes an access-audit record (supervisor, risk officer, system administrator).",
  })
  customerRevealField(@Ctx() ctx: Context, @Arg("input", INPUT) input: CustomerRevealFieldInput) {
    return revealField(ctx, input);
  }

  @Mutation(() => CustomerConsentPayload, { description: "Records a further consent of the customer (representative, manager, supervisor, within scope)." })
  customerConsentRecord(@Ctx() ctx: Context, @Arg("input", INPUT) input: CustomerConsentRecordInput) {
    return recordConsent(ctx, input);
  }

  @Mutation(() => CustomerConsentPayload, { description: "Withdraws a consent (撤回同意) (representative, manager, supervisor, within scope)." })
  customerConsentWithdraw(@Ctx() ctx: Context, @Arg("input", INPUT) input: CustomerConsentWithdrawInput) {
    return withdrawConsent(ctx, input);
  }
}

@Authorized()
@Resolver(() => CustomerDataAccess)
export class CustomerDataAccessResolver {
  @FieldResolver(() => Staff, { nullable: true, description: "Who read the data." })
  staff(@Root() a: CustomerDataAccessRow, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(a.staffId);
  }

  @FieldResolver(() => Customer, { nullable: true, description: "Whose data was read." })
  customer(@Root() a: CustomerDataAccessRow, @Ctx() ctx: Context) {
    return loadVisibleCustomer(ctx, a.customerId);
  }
}

@Authorized()
@Resolver(() => CustomerChange)
export class CustomerChangeResolver {
  @FieldResolver(() => Staff, { nullable: true, description: "Who made the change." })
  changedBy(@Root() c: CustomerChange, @Ctx() ctx: Context) {
    return ctx.loaders.of(staff).load(c.changedById);
  }
}

export const customerResolvers = [CustomerResolver, CustomerDataAccessResolver, CustomerChangeResolver] as const;
