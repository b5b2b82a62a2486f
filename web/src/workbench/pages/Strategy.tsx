/**
 * Decision tables and experiments (docs/strategy.md): the tables with their versions, a table's editor
 * (the rows as a grid, validation next to the rows it names, a what-if against the table in force, saving
 * a new version and publishing one, the history with a diff), and champion/challenger experiments with
 * their guardrails. Everyone on staff may read; strategy managers and admins (ACCESS.strategy) edit, and
 * the others see the same screens without the buttons that write.
 */
import { Space, Typography } from 'antd';
import { NavLink, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TablesPage } from './strategy/Tables.tsx';
import { EditorPage } from './strategy/Editor.tsx';
import { ExperimentsPage } from './strategy/Experiments.tsx';
import './strategy/strategy.css';

export function StrategyArea() {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t('strategy.sections')} style={{ marginBottom: 12 }}>
        <Space size="middle">
          <NavLink to="/strategy" end>{t('strategy.tables')}</NavLink>
          <NavLink to="/strategy/experiments">{t('strategy.experiments.title')}</NavLink>
        </Space>
      </nav>
      <Routes>
        <Route index element={<TablesPage />} />
        <Route path="tables/new" element={<EditorPage />} />
        <Route path="tables/:code" element={<EditorPage />} />
        <Route path="experiments" element={<ExperimentsPage />} />
        <Route path="*" element={<Typography.Paragraph>{t('common.notFound')}</Typography.Paragraph>} />
      </Routes>
    </>
  );
}
