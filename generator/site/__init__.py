"""What talks to MkDocs: the project's mkdocs.yml (`config`), the build into a new
folder swapped in whole (`build`), the build on two cores (`mkdocs_halves`), the
live preview (`serve`), the plugin and the search index (`plugin`, `search`).
Every MkDocs import and private attribute is in `mkdocs_api`.

The pages themselves are plain files that `generator.render` writes from the
pipeline's project (`generator.pipeline`), so they survive a change of engine.
"""
