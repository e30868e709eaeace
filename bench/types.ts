// One row of `npm run bench`: a measured figure with its budget, never a pass/fail.
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  budget?: string;
  note?: string;
}
