"""The file to give ``spark-submit``: it runs the dyadwatch command line.

``spark-submit`` needs a ``.py`` file (not a module name); give it this one::

    spark-submit --master yarn "$(python -c 'import dyadwatch.spark.submit as m; print(m.__file__)')" \\
        spark run /shared/in /shared/out

The imports are absolute because spark-submit runs the file as a script.
"""

from dyadwatch.cli import main

if __name__ == "__main__":
    main()
