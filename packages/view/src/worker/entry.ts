/**
 * The layout worker's entry point: bundled on its own (scripts/bundle-worker.mjs) into a string
 * the view starts as a Blob worker, so no host has to serve an extra file.
 */
import { type LayoutRequest, LayoutService } from '@layerviz/core/service';

interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const service = new LayoutService((reply, transfer) => scope.postMessage(reply, transfer));
scope.onmessage = (event) => {
  void service.handle(event.data);
};
