/*
 * @kit.DistributedServiceKit as of API 18, for host type-checking: the modules the published
 * @arkts/declarations package already has, plus the hand-written abilityConnectionManager (API 18).
 */
import distributedDeviceManager from '@ohos.distributedDeviceManager';
import deviceManager from '@ohos.distributedHardware.deviceManager';
import abilityConnectionManager from '@ohos.distributedsched.abilityConnectionManager';

export { abilityConnectionManager, deviceManager, distributedDeviceManager };
