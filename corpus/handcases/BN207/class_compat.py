import tensorflow as tf


class Model:
    def __init__(self, lr=1e-3):
        self.x = tf.compat.v1.placeholder(tf.float32, [None, 32, 32, 3])
        self.y = tf.compat.v1.placeholder(tf.int32, [None])
        self.is_training = tf.compat.v1.placeholder_with_default(False, [])
        h = tf.compat.v1.layers.conv2d(self.x, 32, 3, use_bias=False)
        h = tf.compat.v1.layers.batch_normalization(h, training=self.is_training)
        h = tf.reduce_mean(tf.nn.relu(h), axis=[1, 2])
        logits = tf.compat.v1.layers.dense(h, 10)
        self.loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=self.y, logits=logits))
        self.train_op = tf.compat.v1.train.AdamOptimizer(lr).minimize(self.loss)  # expect: BN207
