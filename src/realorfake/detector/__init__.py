"""Lesson 05's deepfake detector: a small CNN trained on a laptop CPU from real faces and self-blended fakes.

* :mod:`.data`: real faces with no download (the portraits, the LFW subset, any folder), split by photo;
* :mod:`.self_blend`: fakes made from one face and an altered copy of itself (Shiohara & Yamasaki, CVPR 2022);
* :mod:`.augment`: the same strong augmentation for reals and fakes;
* :mod:`.cross_method`: test fakes made another way (Lesson 03's swaps and morphs), never trained on;
* :mod:`.model`, :mod:`.training`, :mod:`.weights`: the network, its training, safe saving and loading;
* :mod:`.predictor`: :func:`load_detector` and the :class:`Detector` (``predict``, ``predict_faces``, ``explain``);
* :mod:`.explanation`: Grad-CAM heat maps;
* :mod:`.evaluation`: AUC, ROC, thresholds, calibration, robustness, labelled folders;
* :mod:`.baseline`: logistic regression on Lesson 04's hand-made features.

Layer rules: ``detector`` imports the core, ``fakes`` (for its test fakes) and
``forensics`` (for the baseline's features); never ``show``, ``widgets`` or
``course``, so that the game and the command line can use it without a notebook.

Command line for facilitators: ``python -m realorfake.detector train|predict|evaluate`` (``--help``).
"""

from __future__ import annotations

__all__ = ["Detector", "load_detector", "shipped_weights"]


def __getattr__(name: str):
    """``Detector``, ``load_detector`` and ``shipped_weights`` load PyTorch only when first used.

    Lessons 01-04 import the checks, which use this package's metrics: they must
    not pay PyTorch's 180 MB of memory for it.
    """
    if name in __all__:
        from . import predictor

        return getattr(predictor, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
