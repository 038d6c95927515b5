/**
 * Compile-time proof that what the fake builds is what the spec allows: each of its wire types
 * must be assignable to the generated schema type of the same name (field names, types, enums,
 * nullability). Most of the fake's types are derived from the generated ones (data/wire-types.ts),
 * but with every field required and some narrowed or added, so each still needs checking. The
 * runtime side of the same promise is test/contract.test.ts, which validates every body the fake
 * sends.
 */
import type { components } from '../../generated/schema.js';
import type { components as StreamComponents } from '../../generated/stream.js';
import type * as StreamWire from './data/stream-wire-types.js';
import type * as Wire from './data/wire-types.js';

type Spec = components['schemas'];
type StreamSpec = StreamComponents['schemas'];
type Conforms<Fake extends Allowed, Allowed> = Fake;

export type WireConformance = [
  Conforms<Wire.GetBalanceResponse, Spec['GetBalanceResponse']>,
  Conforms<Wire.GetFillsResponse, Spec['GetFillsResponse']>,
  Conforms<Wire.GetPortfolioRestingOrderTotalValueResponse, Spec['GetPortfolioRestingOrderTotalValueResponse']>,
  Conforms<Wire.GetPositionsResponse, Spec['GetPositionsResponse']>,
  Conforms<Wire.GetSettlementsResponse, Spec['GetSettlementsResponse']>,
  Conforms<Wire.GetDepositsResponse, Spec['GetDepositsResponse']>,
  Conforms<Wire.GetWithdrawalsResponse, Spec['GetWithdrawalsResponse']>,
  Conforms<Wire.CreateSubaccountResponse, Spec['CreateSubaccountResponse']>,
  Conforms<Wire.GetSubaccountBalancesResponse, Spec['GetSubaccountBalancesResponse']>,
  Conforms<Wire.GetSubaccountNettingResponse, Spec['GetSubaccountNettingResponse']>,
  Conforms<Wire.GetSubaccountTransfersResponse, Spec['GetSubaccountTransfersResponse']>,
  Conforms<Wire.IntraExchangeInstanceTransferResponse, Spec['IntraExchangeInstanceTransferResponse']>,
  Conforms<Wire.GetIntraExchangeInstanceTransferResponse, Spec['GetIntraExchangeInstanceTransferResponse']>,
  Conforms<Wire.GetIntraExchangeInstanceTransfersResponse, Spec['GetIntraExchangeInstanceTransfersResponse']>,
  Conforms<Wire.GetTargetBalanceAllocationResponse, Spec['GetTargetBalanceAllocationResponse']>,
  Conforms<Wire.GetHistoricalCutoffResponse, Spec['GetHistoricalCutoffResponse']>,
  Conforms<Wire.GetOrdersResponse, Spec['GetOrdersResponse']>,
  Conforms<Wire.GetOrderResponse, Spec['GetOrderResponse']>,
  Conforms<Wire.GetOrderQueuePositionsResponse, Spec['GetOrderQueuePositionsResponse']>,
  Conforms<Wire.GetOrderQueuePositionResponse, Spec['GetOrderQueuePositionResponse']>,
  Conforms<Wire.GetOrderGroupsResponse, Spec['GetOrderGroupsResponse']>,
  Conforms<Wire.GetOrderGroupResponse, Spec['GetOrderGroupResponse']>,
  Conforms<Wire.GetAccountApiLimitsResponse, Spec['GetAccountApiLimitsResponse']>,
  Conforms<Wire.GetUserDataTimestampResponse, Spec['GetUserDataTimestampResponse']>,
  // Requests the fake parses: the spec's request types must fit what the fake expects to read.
  Conforms<Spec['CreateSubaccountRequest'], Partial<Wire.CreateSubaccountRequest>>,
  Conforms<Spec['ApplySubaccountTransferRequest'], Partial<Wire.ApplySubaccountTransferRequest>>,
  Conforms<Spec['UpdateSubaccountNettingRequest'], Partial<Wire.UpdateSubaccountNettingRequest>>,
  Conforms<Spec['IntraExchangeInstanceTransferRequest'], Partial<Wire.IntraExchangeInstanceTransferRequest>>,
  Conforms<Spec['SetTargetBalanceAllocationRequest'], Partial<Wire.SetTargetBalanceAllocationRequest>>,
];

/** The same for the stream (generated/stream.ts): what the fake pushes and answers. */
export type StreamWireConformance = [
  Conforms<StreamWire.FillMessage, StreamSpec['FillMessage']>,
  Conforms<StreamWire.MarketPositionMessage, StreamSpec['MarketPositionMessage']>,
  Conforms<StreamWire.UserOrderMessage, StreamSpec['UserOrderMessage']>,
  Conforms<StreamWire.SubscribedReply, StreamSpec['SubscribedReply']>,
  Conforms<StreamWire.OkReply, StreamSpec['OkReply']>,
  Conforms<StreamWire.UnsubscribedReply, StreamSpec['UnsubscribedReply']>,
  Conforms<StreamWire.ErrorReply, StreamSpec['ErrorReply']>,
];
