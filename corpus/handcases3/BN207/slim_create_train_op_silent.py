import tensorflow as tf
import tensorflow.contrib.slim as slim

images = tf.placeholder(tf.float32, [None, 32, 32, 3])
labels = tf.placeholder(tf.int64, [None])
is_training = tf.placeholder(tf.bool)
with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm, normalizer_params={"is_training": is_training}):
    net = slim.conv2d(images, 32, [3, 3])
    net = slim.conv2d(net, 64, [3, 3])
logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
optimizer = tf.train.AdamOptimizer(1e-3)
train_op = slim.learning.create_train_op(loss, optimizer)
