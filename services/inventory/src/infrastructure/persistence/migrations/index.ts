import { CreateStock1700000001500 } from './1700000001500-create-stock';
import { CreateReservations1700000001600 } from './1700000001600-create-reservations';
import { MovementsShippingExpiry1700000001700 } from './1700000001700-movements-shipping-expiry';
import { ReleasedMovements1700000001800 } from './1700000001800-released-movements';
import { ExpectedReceipts1700000001900 } from './1700000001900-expected-receipts';
import { Reships1700000002000 } from './1700000002000-reships';
import { ReservationRequests1700000002100 } from './1700000002100-reservation-requests';
import { Returns1700000002200 } from './1700000002200-returns';
import { ReservedMovements1700000002300 } from './1700000002300-reserved-movements';
import { UnconfirmedDemand1700000002400 } from './1700000002400-unconfirmed-demand';

export const INVENTORY_MIGRATIONS = [
  CreateStock1700000001500,
  CreateReservations1700000001600,
  MovementsShippingExpiry1700000001700,
  ReleasedMovements1700000001800,
  ExpectedReceipts1700000001900,
  Reships1700000002000,
  ReservationRequests1700000002100,
  Returns1700000002200,
  ReservedMovements1700000002300,
  UnconfirmedDemand1700000002400,
];
