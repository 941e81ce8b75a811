import tensorflow as tf

is_training = tf.placeholder(tf.bool)


def conv_bn(x, filters):
    x = tf.layers.conv2d(x, filters, 3, padding="same", use_bias=False)
    x = tf.layers.batch_normalization(x, momentum=0.01, training=is_training)  # expect: BN302
    return tf.nn.relu(x)
