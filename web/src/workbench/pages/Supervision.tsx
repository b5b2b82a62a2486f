/**
 * Queues, collectors, assignment (分案) and recall (撤案), agencies and their placements: the
 * supervisors' screens, one nested route each (pages/supervision/). Every write names its business
 * date, carries an idempotency key, and asks first when it moves cases.
 */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useTitle } from '../../shared/ui.tsx';
import { QueuesPage } from './supervision/Queues.tsx';
import { CollectorsPage } from './supervision/Collectors.tsx';
import { AssignmentPage } from './supervision/Assignment.tsx';
import { AgenciesPage } from './supervision/Agencies.tsx';
import { PlacementsPage } from './supervision/Placements.tsx';

const SECTIONS = ['queues', 'collectors', 'assignment', 'agencies', 'placements'] as const;

export function SupervisionArea() {
  const { t } = useTranslation();
  useTitle(`${t('supervision.title')} · ${t('app.workbench')}`);
  return (
    <>
      <Typography.Title level={2}>{t('supervision.title')}</Typography.Title>
      <nav aria-label={t('supervision.sections')} style={{ marginBottom: 16 }}>
        <ul style={{ display: 'flex', flexWrap: 'wrap', gap: 8, listStyle: 'none', margin: 0, padding: 0 }}>
          {SECTIONS.map((s) => (
            <li key={s}>
              <NavLink
                to={`/supervision/${s}`}
                data-testid={`supervision-nav-${s}`}
                style={({ isActive }) => ({
                  display: 'block', padding: '4px 12px', borderRadius: 4, textDecoration: 'none',
                  color: isActive ? '#fff' : '#1d4ed8', background: isActive ? '#1d4ed8' : 'transparent', border: '1px solid #1d4ed8',
                })}
              >
                {t(`supervision.nav.${s}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="queues" replace />} />
        <Route path="queues" element={<QueuesPage />} />
        <Route path="collectors" element={<CollectorsPage />} />
        <Route path="assignment" element={<AssignmentPage />} />
        <Route path="agencies" element={<AgenciesPage />} />
        <Route path="placements" element={<PlacementsPage />} />
        <Route path="*" element={<Navigate to="queues" replace />} />
      </Routes>
    </>
  );
}
