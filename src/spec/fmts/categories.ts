/** The eight categories of chapter 3 (报文清单 3.1), in the standard's order. */
import type { CategoryDef } from '../schema.js';

export const CATEGORIES: readonly CategoryDef[] = [
  { id: 'payment', section: '3.2', nameZh: '外币支付业务类', name: 'payments' },
  { id: 'clearing', section: '3.3', nameZh: '清算与结算类', name: 'clearing and settlement' },
  { id: 'information', section: '3.4', nameZh: '业务信息类', name: 'business information' },
  { id: 'query', section: '3.5', nameZh: '查询管理类', name: 'queries' },
  { id: 'liquidity', section: '3.6', nameZh: '流动性管理类', name: 'liquidity management' },
  { id: 'system', section: '3.7', nameZh: '系统管理类', name: 'system management' },
  { id: 'reconciliation', section: '3.8', nameZh: '对账类', name: 'reconciliation' },
  { id: 'bankCode', section: '3.9', nameZh: '行号类', name: 'bank codes' },
];
