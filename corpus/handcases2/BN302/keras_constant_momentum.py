import tensorflow as tf

_BATCH_NORM_DECAY = 0.03
_BATCH_NORM_EPSILON = 1e-5


def batch_norm(inputs, training, data_format):
    return tf.keras.layers.BatchNormalization(  # expect: BN302
        axis=1 if data_format == "channels_first" else 3,
        momentum=_BATCH_NORM_DECAY,
        epsilon=_BATCH_NORM_EPSILON,
        center=True,
        scale=True,
    )(inputs, training=training)
