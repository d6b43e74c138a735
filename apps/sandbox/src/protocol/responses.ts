import type { BasketItem } from './basket-item.js';
import type { Customer } from './customer.js';
import type { OrderStatus } from './enums.js';

// What the sandbox answers, shaped after Invoicebox's own responses (docs §5.1.5, §5.8, §5.9, §9 and the PHP
// SDK's fixtures). Key order follows those fixtures.

/** An order as the API returns it and as order notifications carry it. */
export interface OrderJson {
  id: string;
  description: string;
  currencyId: string;
  shopId?: string | number;
  amount: number;
  vatAmount: number;
  basketItems: BasketItem[];
  orderContainerId: string;
  merchantId: string;
  status: OrderStatus;
  subtype: 'order';
  processingStatus: string;
  createdAt: string;
  merchantOrderId: string;
  merchantOrderIdVisible: string;
  expirationDate: string;
  fileIds: string[];
  paymentUrl: string;
  customer: Customer;
  languageId: 'ru' | 'en';
  processable: boolean;
  paidAt?: string;
  notificationUrl?: string;
  successUrl?: string;
  failUrl?: string;
  returnUrl?: string;
  [extra: string]: unknown;
}

export type RefundStatus = 'draft' | 'created' | 'completed' | 'canceled';

/** RefundOrderResponse (§5.9): the answer to a refund and the body of its notification. */
export interface RefundOrderJson {
  id: string;
  parentId: string;
  description: string;
  merchantOrderId: string;
  merchantId: string;
  amount: number;
  vatAmount: number;
  currencyId: string;
  basketItems: BasketItem[];
  createdAt: string;
  status: RefundStatus;
}

/** A `refund-basket-item` row with what is left of the line (Invoicebox's MCP client reads `availableAmount`). */
export type RefundableItemJson = BasketItem & { availableAmount: number; availableVatAmount: number };

export interface ShipmentJson {
  id: number;
  orderId: string;
  merchantId: string;
  documentNumber?: string;
  documentDate?: string;
  basketItems: BasketItem[];
  final: boolean;
  status: 'completed';
  amount: number;
  vatAmount: number;
  createdAt: string;
}

export interface ErrorFieldJson {
  name: string;
  code: string;
  message: string;
}

/** `{"error":{"message","code","fields"}}` (§9). */
export interface ErrorJson {
  error: { message: string; code: string; fields: ErrorFieldJson[] };
}

export interface ListMetaJson {
  totalCount: number;
  pageSize: number;
  page: number;
}

/** `auth/auth` (§3.2): the token's user, or `null` for an anonymous request. */
export interface AuthUserJson {
  userId: string | null;
  profile: null;
  accessToken: null;
}
