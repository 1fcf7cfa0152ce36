import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas';
import { CompileProvider } from './canvas/compile-context';
import { Palette } from './canvas/Palette';
import { Inspector } from './inspector/Inspector';
import { CostChart } from './panels/CostChart';
import { RunSummary } from './panels/RunSummary';
import { TrainBar } from './run/TrainBar';
import { useTrainerEvents } from './run/use-training';
import { StatusBar } from './StatusBar';

export function App() {
  useTrainerEvents();
  return (
    <ReactFlowProvider>
      <CompileProvider>
        <div className="app">
          <TrainBar />
          <Palette />
          <Canvas />
          <aside className="side">
            <Inspector />
            <CostChart />
            <RunSummary />
          </aside>
          <StatusBar />
        </div>
      </CompileProvider>
    </ReactFlowProvider>
  );
}
