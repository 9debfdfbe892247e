/** Imported reports as rows of device × entry: top-1, top-5, ECE and latency per image, each device named once. */
import { Fragment } from 'react';
import { deviceLabel } from '@/features/evaluate/shared/deviceTable';
import type { ImportedDevice } from '@/features/evaluate/shared/reportImport';
import { formatMs } from '@/shared/format';
import { percent } from './charts';

export function DeviceTable({ devices }: { devices: readonly ImportedDevice[] }) {
  return (
    <div className="evaluate-table-wrap">
      <table className="zoo-table evaluate-device-table" data-testid="evaluate-devices">
        <thead>
          <tr>
            <th>entry</th>
            <th className="num">n</th>
            <th className="num">top-1</th>
            <th className="num">top-5</th>
            <th className="num">ECE</th>
            <th className="num">per image</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => (
            <Fragment key={device.key}>
              <tr className="evaluate-device-head">
                <th colSpan={6} scope="colgroup">
                  {deviceLabel(device)} <span className="muted">({device.source})</span>
                </th>
              </tr>
              {device.entries.map((e) => (
                <tr
                  key={e.entry}
                  data-testid="evaluate-device-row"
                  data-device={device.key}
                  data-entry={e.entry}
                  data-top1={e.top1 ?? ''}
                  data-top5={e.top5 ?? ''}
                  data-ece={e.ece ?? ''}
                  data-latency-ms={e.latencyMs ?? ''}
                >
                  <td className="mono evaluate-diff-entry">{e.entry}</td>
                  <td className="num">{e.n}</td>
                  <td className="num">{percent(e.top1)}</td>
                  <td className="num">{percent(e.top5)}</td>
                  <td className="num">{percent(e.ece)}</td>
                  <td className="num">{formatMs(e.latencyMs)}</td>
                </tr>
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
