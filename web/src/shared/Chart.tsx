/**
 * A small ECharts wrapper: only the chart types and components the screens use are bundled. The
 * canvas is an image to assistive technology (role="img" with a label); each chart's numbers are
 * also on the page as a table.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DatasetComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, DatasetComponent, VisualMapComponent, CanvasRenderer]);

export function Chart({ option, height = 320, label, testId }: { option: EChartsCoreOption; height?: number; label: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const chart = echarts.init(node, undefined, { renderer: 'canvas' });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    if (el.current) echarts.getInstanceByDom(el.current)?.setOption(option, true);
  }, [option]);
  return <div ref={el} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
