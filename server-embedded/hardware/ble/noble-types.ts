/**
 * The slice of @abandonware/noble this backend uses, typed here so the rest of the code does not
 * depend on noble's loose declarations (and so a custom-bindings noble fits the same shape).
 */
import type { EventEmitter } from 'node:events';

export interface NobleCharacteristic extends EventEmitter {
  readonly uuid: string;
  readonly properties: string[];
  readAsync(): Promise<Buffer>;
  writeAsync(data: Buffer, withoutResponse: boolean): Promise<void>;
  subscribeAsync(): Promise<void>;
  unsubscribeAsync(): Promise<void>;
}

export interface NobleService {
  readonly uuid: string;
  discoverCharacteristicsAsync(uuids?: string[]): Promise<NobleCharacteristic[]>;
}

export interface NoblePeripheral extends EventEmitter {
  readonly id: string;
  readonly address: string;
  state: string;
  readonly advertisement: {
    localName?: string;
    serviceUuids?: string[];
    manufacturerData?: Buffer;
  };
  connectAsync(): Promise<void>;
  disconnectAsync(): Promise<void>;
  discoverServicesAsync(uuids?: string[]): Promise<NobleService[]>;
}

export interface Noble extends EventEmitter {
  readonly state: string;
  startScanningAsync(serviceUuids?: string[], allowDuplicates?: boolean): Promise<void>;
  stopScanningAsync(): Promise<void>;
}
