"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 02:29:24.897981
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_blobs'))
    )
    op.create_table('bookmarks',
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('item_id', name=op.f('pk_bookmarks'))
    )
    op.create_table('history',
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('first_opened_at', sa.DateTime(), nullable=False),
    sa.Column('last_opened_at', sa.DateTime(), nullable=False),
    sa.Column('open_count', sa.Integer(), nullable=False),
    sa.Column('position', sa.Float(), nullable=True),
    sa.Column('finished', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('item_id', name=op.f('pk_history'))
    )
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_history_last_opened_at'), ['last_opened_at'], unique=False)

    op.create_table('library_meta',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_library_meta'))
    )
    op.create_table('notes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('position', sa.Float(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notes'))
    )
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notes_item_id'), ['item_id'], unique=False)

    op.create_table('regions',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('parent_id', sa.String(length=200), nullable=True),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('label_ky', sa.String(length=200), nullable=False),
    sa.Column('label_ru', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['regions.id'], name=op.f('fk_regions_parent_id_regions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regions'))
    )
    with op.batch_alter_table('regions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regions_parent_id'), ['parent_id'], unique=False)

    op.create_table('target_groups',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('label_ky', sa.String(length=200), nullable=False),
    sa.Column('label_ru', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_groups'))
    )
    op.create_table('topics',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('label_ky', sa.String(length=200), nullable=False),
    sa.Column('label_ru', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics'))
    )
    op.create_table('items',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body_md', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('region_id', sa.String(length=200), nullable=True),
    sa.Column('organisation', sa.String(length=500), nullable=False),
    sa.Column('authors', sa.JSON(), nullable=False),
    sa.Column('source_url', sa.String(length=1000), nullable=False),
    sa.Column('translation_group', sa.String(length=100), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('origin', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_items_region_id_regions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_items'))
    )
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_items_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_lang'), ['lang'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_region_id'), ['region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_translation_group'), ['translation_group'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_year'), ['year'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['items.id'], name=op.f('fk_documents_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    op.create_table('events',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('starts', sa.DateTime(), nullable=True),
    sa.Column('ends', sa.DateTime(), nullable=True),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('location', sa.String(length=500), nullable=False),
    sa.Column('recording_id', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['items.id'], name=op.f('fk_events_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_starts'), ['starts'], unique=False)

    op.create_table('item_files',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_item_files_item_id_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sha256'], ['blobs.sha256'], name=op.f('fk_item_files_sha256_blobs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_files'))
    )
    with op.batch_alter_table('item_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_files_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_files_sha256'), ['sha256'], unique=False)

    op.create_table('item_relations',
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('related_id', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_item_relations_item_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'related_id', name=op.f('pk_item_relations'))
    )
    with op.batch_alter_table('item_relations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_relations_related_id'), ['related_id'], unique=False)

    op.create_table('item_target_groups',
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('group_id', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['target_groups.id'], name=op.f('fk_item_target_groups_group_id_target_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_item_target_groups_item_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'group_id', name=op.f('pk_item_target_groups'))
    )
    with op.batch_alter_table('item_target_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_target_groups_group_id'), ['group_id'], unique=False)

    op.create_table('item_topics',
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('topic_id', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_item_topics_item_id_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_item_topics_topic_id_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'topic_id', name=op.f('pk_item_topics'))
    )
    with op.batch_alter_table('item_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_topics_topic_id'), ['topic_id'], unique=False)

    op.create_table('lessons',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('duration', sa.Float(), nullable=True),
    sa.Column('course', sa.String(length=300), nullable=False),
    sa.Column('course_order', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['items.id'], name=op.f('fk_lessons_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lessons'))
    )
    op.create_table('practices',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('award', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['items.id'], name=op.f('fk_practices_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practices'))
    )
    op.create_table('transcript_cues',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('item_id', sa.String(length=100), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('start', sa.Float(), nullable=False),
    sa.Column('end', sa.Float(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['lessons.id'], name=op.f('fk_transcript_cues_item_id_lessons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transcript_cues'))
    )
    with op.batch_alter_table('transcript_cues', schema=None) as batch_op:
        batch_op.create_index('ix_transcript_cues_item_lang_start', ['item_id', 'lang', 'start'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('transcript_cues', schema=None) as batch_op:
        batch_op.drop_index('ix_transcript_cues_item_lang_start')

    op.drop_table('transcript_cues')
    op.drop_table('practices')
    op.drop_table('lessons')
    with op.batch_alter_table('item_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_topics_topic_id'))

    op.drop_table('item_topics')
    with op.batch_alter_table('item_target_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_target_groups_group_id'))

    op.drop_table('item_target_groups')
    with op.batch_alter_table('item_relations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_relations_related_id'))

    op.drop_table('item_relations')
    with op.batch_alter_table('item_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_files_sha256'))
        batch_op.drop_index(batch_op.f('ix_item_files_item_id'))

    op.drop_table('item_files')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_starts'))

    op.drop_table('events')
    op.drop_table('documents')
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_items_year'))
        batch_op.drop_index(batch_op.f('ix_items_translation_group'))
        batch_op.drop_index(batch_op.f('ix_items_region_id'))
        batch_op.drop_index(batch_op.f('ix_items_lang'))
        batch_op.drop_index(batch_op.f('ix_items_kind'))

    op.drop_table('items')
    op.drop_table('topics')
    op.drop_table('target_groups')
    with op.batch_alter_table('regions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regions_parent_id'))

    op.drop_table('regions')
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notes_item_id'))

    op.drop_table('notes')
    op.drop_table('library_meta')
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_history_last_opened_at'))

    op.drop_table('history')
    op.drop_table('bookmarks')
    op.drop_table('blobs')
