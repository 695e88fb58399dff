// Imports nothing: the purchase benchmark's plain-pg peer uses the same sharding.

/**
 * Counter side of purchases: what the bank owes merchants through the card scheme (商户清算), kept in
 * eight shards so that concurrent purchases on different cards do not queue on one row lock; a card
 * always settles through the same shard (by its account id).
 */
export const MERCHANT_SETTLEMENT_SHARDS = ["acc_00000000000000000000CRDMCH", ...[1, 2, 3, 4, 5, 6, 7].map((i) => `acc_0000000000000000000CRDMCH${i}`)];

export function merchantSettlementFor(cardAccountId: string): string {
  let h = 0;
  for (let i = 0; i < cardAccountId.length; i++) h = (h * 31 + cardAccountId.charCodeAt(i)) >>> 0;
  return MERCHANT_SETTLEMENT_SHARDS[h % MERCHANT_SETTLEMENT_SHARDS.length];
}
