"""feed trust and visitor visits

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 07:30:00

- ``feeds.manifest_created``: when the newest manifest this library applied was written by its publisher
  (stale updates become visible: a drive that keeps serving an old feed can no longer hide it).
- ``feeds.pinned_at``: when the feed was pinned to its key (the first accepted sync).
- ``visit_id`` on notes, bookmarks and history: the visitor-mode visit that made the row (NULL for the
  librarian's own), so clearing a visit never depends on the clock.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('manifest_created', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('pinned_at', sa.DateTime(), nullable=True))
    for table in ('notes', 'bookmarks', 'history'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('visit_id', sa.String(length=40), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_visit_id'), ['visit_id'], unique=False)


def downgrade() -> None:
    for table in ('history', 'bookmarks', 'notes'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_visit_id'))
            batch_op.drop_column('visit_id')
    with op.batch_alter_table('feeds', schema=None) as batch_op:
        batch_op.drop_column('pinned_at')
        batch_op.drop_column('manifest_created')
