import type { OrderRecord, SandboxData } from '../types.js';
import { readDataFile, writeDataFile } from './data-file.js';
import { emptyData } from './empty-data.js';

const SAVE_DELAY_MS = 100;

/** All sandbox state, with lookup indexes and debounced atomic persistence to a JSON file. */
export class Store {
  data: SandboxData;
  private byContainer = new Map<string, string[]>();
  private byMerchantOrderId = new Map<string, string[]>();
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly file: string | undefined) {
    this.data = file ? readDataFile(file) : emptyData();
    this.reindex();
  }

  private reindex() {
    this.byContainer.clear();
    this.byMerchantOrderId.clear();
    for (const record of Object.values(this.data.orders)) this.index(record);
  }

  private index(record: OrderRecord) {
    const { order } = record;
    push(this.byContainer, order.orderContainerId, order.id);
    push(this.byMerchantOrderId, `${order.merchantId}\u0000${order.merchantOrderId}`, order.id);
  }

  addOrder(record: OrderRecord) {
    this.data.orders[record.order.id] = record;
    this.index(record);
    this.changed();
  }

  order(id: string): OrderRecord | undefined {
    return Object.hasOwn(this.data.orders, id) ? this.data.orders[id] : undefined;
  }

  ordersInContainer(containerId: string): OrderRecord[] {
    return (this.byContainer.get(containerId) ?? []).flatMap((id) => this.order(id) ?? []);
  }

  ordersByMerchantOrderId(merchantId: string, merchantOrderId: string): OrderRecord[] {
    const ids = this.byMerchantOrderId.get(`${merchantId}\u0000${merchantOrderId}`) ?? [];
    return ids.flatMap((id) => this.order(id) ?? []);
  }

  /** Any merchant's orders with this merchantOrderId (the control API takes it as a reference). */
  ordersWithMerchantOrderId(merchantOrderId: string): OrderRecord[] {
    return Object.values(this.data.orders).filter((r) => r.order.merchantOrderId === merchantOrderId);
  }

  /** Forget everything, settings included (tests call this between cases). */
  reset() {
    this.data = emptyData();
    this.reindex();
    this.changed();
  }

  /** Marks the state dirty; the file is rewritten shortly after (coalescing bursts of changes). */
  changed() {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  flush() {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.file) writeDataFile(this.file, this.data);
  }
}

function push(map: Map<string, string[]>, key: string, id: string) {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
