import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Limits shared by events and APIs, so that what an API accepts an event can always carry. */
export const Limits = {
  maxLines: 200,
  maxQuantity: 100_000,
  /** Minor units; 10^12 keeps every sum of lines exact in a JavaScript number. */
  maxAmountMinor: 1_000_000_000_000,
  skuPattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
  /** Most orders one merged pick list or shipment may carry. */
  maxMergedOrders: 20,
} as const;

export const CHANNELS = ['web', 'app', 'phone', 'email', 'store', 'marketplace'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels where staff key the order in for the customer. */
export const STAFF_KEYED_CHANNELS: readonly Channel[] = ['phone', 'email', 'store'];

export const PAYMENT_METHODS = ['prepaid', 'cod', 'invoice'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** ISO 4217 codes this platform trades in, with the number of minor-unit digits. */
export const CURRENCY_MINOR_DIGITS = { CNY: 2, TWD: 2, HKD: 2, USD: 2, EUR: 2, GBP: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCY_MINOR_DIGITS;
export const CURRENCIES = Object.keys(CURRENCY_MINOR_DIGITS) as Currency[];

export class AddressV1 {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsString() @IsNotEmpty() @MaxLength(40) phone!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) line1!: string;
  @IsOptional() @IsString() @MaxLength(200) line2?: string;
  @IsString() @IsNotEmpty() @MaxLength(100) city!: string;
  @IsOptional() @IsString() @MaxLength(100) region?: string;
  @IsString() @IsNotEmpty() @MaxLength(20) postalCode!: string;
  /** ISO 3166-1 alpha-2. */
  @IsString() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' }) country!: string;
}

export class ContactV1 {
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @IsIn(LOCALES) locale?: Locale;
}

/** A quantity of one SKU. */
export class SkuQuantityV1 {
  @IsString()
  @Matches(Limits.skuPattern, { message: 'sku must be 1-64 letters, digits, dot, dash or underscore' })
  sku!: string;
  @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
}

/** What one warehouse gives for an order (or several merged orders). */
export class WarehouseAllocationV1 {
  @IsString() @IsNotEmpty() @MaxLength(64) warehouseId!: string;
  @ValidateNested({ each: true })
  @Type(() => SkuQuantityV1)
  @ArrayMinSize(1)
  @ArrayMaxSize(Limits.maxLines)
  lines!: SkuQuantityV1[];
}

export class OrderRefV1 {
  @IsUUID() orderId!: string;
}

export class MoneyV1 {
  @IsInt() @Min(0) @Max(Limits.maxAmountMinor) amount!: number;
  @IsIn(CURRENCIES) currency!: Currency;
}

/** Every state of an order (API.md); `OrderStatusChanged` reports each move between them. */
export const ORDER_STATUSES = [
  'PLACED',
  'PENDING_REVIEW',
  'AWAITING_PAYMENT',
  'CONFIRMED',
  'BACKORDERED',
  'PROCESSING',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
  'REJECTED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A quantity of one SKU for one order: lines of events that may cover several merged orders. */
export class OrderSkuQuantityV1 {
  @IsUUID() orderId!: string;
  @IsString()
  @Matches(Limits.skuPattern, { message: 'sku must be 1-64 letters, digits, dot, dash or underscore' })
  sku!: string;
  @IsInt() @Min(1) @Max(Limits.maxQuantity) quantity!: number;
}

/** A carrier's code: lower-case letters, digits and dashes (`sf-express`, `dhl`). */
export const CARRIER_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
