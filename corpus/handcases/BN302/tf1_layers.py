import tensorflow as tf


def bn(x, training):
    return tf.layers.batch_normalization(x, momentum=0.1, training=training)  # expect: BN302
